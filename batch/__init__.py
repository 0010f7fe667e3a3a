"""The batch stage: files and folders in, every document stored, tracking refreshed (`run.py`)."""
