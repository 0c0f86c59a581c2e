"""One job per scene, and running it: its key, its spec, its process, its checked clip.

==============  ==========================================================================================
jobs            one job per scene: its part of the voiced plan, its speech, and its cache key
keys            the code a clip depends on (its scene's and the worker's imports), hashed
schema          the job spec and the clip record, the same dataclasses on both sides of the fork
processes       forking jobs into their own process groups, killing them, sweeping what the dead left
runner          running jobs in parallel under a time limit, checking each clip beside the next job
worker          one job in its process: renders the scene and lays in its sound
scene_render    rendering one scene in this process (workers, stills and tests)
encoding        manim's frames to x264 with fewer copies and conversions (workers only)
formulas        the shared formula cache: each formula compiled once, checked when used
cache           checked clips by key, leftovers swept
media           checks on video files: frames that decode, packets, sound length
progress        the live progress display of render and batch (rich), plain lines when not a terminal
dask_engine     the optional Dask engine: jobs as cluster tasks, their clips returned as bytes
remote          one job on a cluster's worker: everything it needs carried in, its files carried out
==============  ==========================================================================================
"""
