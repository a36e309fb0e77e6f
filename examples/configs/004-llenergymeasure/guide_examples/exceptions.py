# From the guide, section "Coding Conventions > Error Handling > Example from `src/llenergymeasure/exceptions.py`:".
class BackendNotAvailableError(BackendError):
    """Backend is not installed or not usable."""

    def __init__(self, backend: str, install_hint: str | None = None):
        msg = f"Backend '{backend}' is not available"
        if install_hint:
            msg += f". Install with: {install_hint}"
        super().__init__(msg)
        self.backend = backend
        self.install_hint = install_hint
