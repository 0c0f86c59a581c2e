"""What the computation-graph lectures share: their parameters (the graph's steps, its inputs' values
and the nudge: params.py), a beat's part (part.py) and where each variable sits in the picture
(layout.py). Not a lecture itself."""
