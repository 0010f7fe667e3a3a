"""NLP: tag action rows with leads, dates, status and themes (blank spaCy + own components)."""
