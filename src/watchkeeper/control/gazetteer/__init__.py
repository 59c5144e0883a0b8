"""The control room's gazetteer: addresses (house numbers and postcodes from OpenStreetMap),
streets and landmarks of a partnership, searched with fuzzy matching (`rules`, pure) over an
in-memory index per partnership (`index`), and the nearest address to a map click (`queries`)."""
