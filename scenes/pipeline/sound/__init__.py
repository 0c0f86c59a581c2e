"""Each cue's speech, and the sound laid under a clip.

==============  ==========================================================================================
voice_settings  the voice a render was given (engine, voice, rate, language) and its checks
voice           each cue's speech as a WAV (piper, espeak-ng, recordings, none), mastered and cached
voice_check     a voice checked before anything renders (a batch's rows, render, preview)
piper_voice     the neural voice: Piper's model found, checked against its install record, loaded once
mastering       a cue's speech at 48 kHz, -16 LUFS, peaks under -1 dBTP (pyloudnorm, FFmpeg's limiter)
sound           sound tracks laid out from the WAVs at their cues' exact starts
==============  ==========================================================================================
"""
