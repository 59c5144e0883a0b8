"""The STORM-style command line on the board and the incident page: one line of text (`G I`, `D`,
`S EK11`, `C no-trace Words of advice`) read by `rules.py` into the same action forms the incident
page posts, and carried out by `views.py` through the same services."""
