"""The published files, and serving them.

==============  ==========================================================================================
timeline        the joined lecture's timeline: each clip's offset, the cues, chapters, SRT and WebVTT
languages       every language's subtitles and transcript on the video's timeline
assemble        the lecture's files built in a staging folder, with its manifest
stills          each chapter's still: the last frame of its clip, decoded from the last keyframe
slides          lecture.pptx: a slide per chapter with its still, key equation and narration
page            index.html: the lecture's self-contained page (style and script in assets/)
words           the page's and slides' own words (words.toml, translated in locale/)
site            renders/index.html: every lecture rendered, by variant and quality
publish         the staging folder swapped in for the published one, atomically
static          the file server's application: files by GET and HEAD with ranges, nothing else
serve           `derivatives serve`: renders/ over HTTP on 127.0.0.1
==============  ==========================================================================================
"""
