# From the guide, section "Documentation > Docstrings (Google Style)" (the page lost indentation and blank lines; restored as Black writes them).
def create_instance(
    image: str,
    config: Optional[Dict[str, Any]] = None,
    node_preference: Optional[str] = None
) -> Instance:
    """Create a new container instance.

    Creates an isolated browser container with the specified image
    and configuration. The scheduler will place the instance on
    an appropriate worker node.

    Args:
        image: Base container image (e.g., "ubuntu:22.04").
        config: Optional instance configuration including memory,
            CPU, and disk settings.
        node_preference: Optional preferred worker node ID.

    Returns:
        The created Instance object with assigned ID and status.

    Raises:
        InsufficientResourcesError: If no node has available capacity.
        InvalidImageError: If the specified image is not available.

    Example:
        >>> instance = create_instance(
        ...     image="ubuntu:22.04",
        ...     config={"memory_gb": 4}
        ... )
        >>> print(instance.id)
        'abc123def456'
    """
    ...
