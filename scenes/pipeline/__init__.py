"""The render machinery: everything that turns the scenes into published lecture files.

Imports run one way: derivlib <- scenes <- scenes.pipeline. A scene file imports nothing from here.

==============  ==========================================================================================
cli             the `derivatives` command: arguments, settings from flags and TOML, one-line errors
settings        qualities, encoder settings, versions, variant folder names, RenderError
plan (derivlib) the lecture plan every step below reads (derivlib.plan)
voice           each cue's speech as a WAV (piper, espeak-ng, recordings, none), mastered and cached
piper_voice     the neural voice: Piper's model found, checked against its install record, loaded once
mastering       a cue's speech at 48 kHz, -16 LUFS, peaks under -1 dBTP (pyloudnorm, FFmpeg's limiter)
jobs            one job per scene: its part of the voiced plan, its speech, and its cache key
keys            the code a clip depends on (its scene's and the worker's imports), hashed
schema          the job spec and the clip record, the same dataclasses on both sides of the fork
processes       forking jobs into their own process groups, killing them, sweeping what the dead left
runner          running jobs in parallel under a time limit, checking each clip beside the next job; the
                engine they run on (this machine's forked processes by default)
progress        the live progress display of render and batch (rich), plain lines when not a terminal
worker          one job in its process: renders the scene and lays in its sound
scene_render    rendering one scene in this process (workers, stills and tests)
encoding        manim's frames to x264 with fewer copies and conversions (workers only)
sound           sound tracks laid out from the WAVs at their cues' exact starts
media           checks on video files: frames that decode, packets, sound length
cache           checked clips by key, the shared formula cache, leftovers swept
timeline        the joined lecture's timeline: each clip's offset, the cues, chapters, SRT and WebVTT
assemble        the lecture's files built in a staging folder, with its manifest
stills          each chapter's still: the last frame of its clip, decoded from the last keyframe
slides          lecture.pptx: a slide per chapter with its still, key equation and narration
page            index.html: the lecture's self-contained page (style and script in assets/)
site            renders/index.html: every lecture rendered, by variant and quality
publish         the staging folder swapped in for the published one, atomically
lecture         one render from start to end: plan, voice, jobs, assembly, publishing
batchfile       a batch file's [[variant]] tables, every row checked before anything renders
batch           `derivatives batch`: all variants' jobs run together once each, then each published
dask_engine     the optional Dask engine: jobs as cluster tasks, their clips returned as bytes
remote          one job on a cluster's worker: everything it needs carried in, its files carried out
preview         a scene's last frame as PNG and the scene as GIF
serve           `derivatives serve`: renders/ over HTTP with Range, on 127.0.0.1
files           small file helpers: atomic writes, checksums
==============  ==========================================================================================
"""
