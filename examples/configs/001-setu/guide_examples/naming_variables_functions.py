# From the guide, section "Setu Python Style Guide > Naming Conventions > Variables and Functions > Boolean variables".
model_name: str = "llama-7b"
is_ready: bool = False
can_process: bool = True

def process_sessions(sessions: List[Session]) -> List[SamplerOutput]:
    """Process a batch of sessions."""
    pass
