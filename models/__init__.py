"""What the NLP models are built from: patterns, gazetteers, label sets, labelled rows, configs."""
