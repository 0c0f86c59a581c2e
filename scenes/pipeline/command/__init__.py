"""The `derivatives` command, and one whole render or batch from start to end.

==============  ==========================================================================================
cli             the `derivatives` command: its subcommands, one-line errors, exit statuses
arguments       the lecture's parameters, the voice and the language from flags and a TOML file
lecture         one render from start to end: plan, voice, jobs, assembly, publishing
preview         a scene's last frame as PNG and the scene as GIF
batchfile       a batch file's [[variant]] tables, every row checked before anything renders
batch           `derivatives batch`: all variants' jobs run together once each, then each published
==============  ==========================================================================================
"""
