"""Plain dataclasses and rules. Imports nothing of the project, no Qt, no SQL."""
