# From the guide, section "Type Hints > Required for Public APIs" (the "Good" example).
def create_instance(
    image: str,
    config: Optional[Dict[str, Any]] = None
) -> Instance:
    """Create a new container instance."""
    ...
