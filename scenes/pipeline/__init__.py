"""The render machinery: everything that turns the scenes into published lecture files, in four folders
by concern, and what they all share.

Imports run one way: derivlib <- scenes <- scenes.pipeline. A scene file imports nothing from here.

==============  ==========================================================================================
command/        the `derivatives` command and what a whole render or batch does, start to end
sound/          each cue's speech: voices, recordings, mastering, the sound laid under a clip
running/        one job per scene: its key, its spec, the processes that run it, the clip's checks, cache
publishing/     the published files: timeline, subtitles in every language, stills, slides, page, server
settings        qualities, encoder settings, versions, variant folder names
errors          RenderError, a render that failed (exit status 1)
files           small file helpers: atomic writes, checksums
==============  ==========================================================================================
"""
