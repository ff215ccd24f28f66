"""ipywidgets panels for the notebooks.

Each area has its own module with a ``build_*`` function that returns a panel without displaying
it. Callbacks read the widgets' values, call prep_lib and render into an ``Output``; the helpers in
``prep_lib.widgets.common`` keep that the same everywhere.
"""
