"""A test app that plugs into every extension point by declaring it on its AppConfig only."""
