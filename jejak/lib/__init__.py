"""Framework-free helpers: parsing Indonesian values, reading spreadsheets, tokens.

Nothing here imports Django, so it is easy to test and reuse in scripts.
"""
