"""NLP: tag action rows with leads, dates, status and themes (spaCy blank + own parts)."""
