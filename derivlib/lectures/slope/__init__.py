"""The beats about one function's slope, as the lectures about a function of a share them: a beat's
part (part.py), its words (words.py, with the templates in words.toml) and its key facts (facts.py).
"Derivatives" is these beats; "More derivative examples" reuses several. Not a lecture itself."""
