"""Text as it is said and shown: the language, sentence and word pieces, spoken forms.

The bottom of the pipeline's stack: pure functions on strings, used by the reader, the engines'
phonemisers, the planner and the subtitle writer alike.
"""
