# From the guide, section "Coding Conventions > Docstrings > Simple function:".
def strip_ansi(text: str) -> str:
    """Strip ANSI escape codes from text."""
