"""Employer booth: scan, rate, tag, note, Phase Two."""
