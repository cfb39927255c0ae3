"""One module per chapter: ``facts(t, ...)`` returns the dataclass of frames and numbers the chapter shows.

A chapter's setup cell makes one call into its module; the module composes the analyses of
``libyabook.analysis`` for that chapter and writes the numbers its prose states (``glue``) with
``figures.words``, so the notebook holds no logic of its own.
"""
