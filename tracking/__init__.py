"""Tracking: the recommendation register, links and history across plan versions."""
