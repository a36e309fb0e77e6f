# From the guide, section "Setu Python Style Guide > Class Design Patterns > Native Handle Integration".
import setu._native as setu_native
from typing import Optional

class InferenceEngine:
    """Python wrapper for C++ InferenceEngine."""
    
    def __init__(self, config: InferenceEngineConfig):
        self.config = config
        self._tokenizer = AutoTokenizer.from_pretrained(config.model_config.model_name)
        self._session_tracker: Dict[str, SessionInfo] = {}
        
        # Create C++ engine through native handle
        self._native_handle = setu_native.create_inference_engine(
            config.to_native_config()
        )
    
    def add_session(
        self,
        prompt: str,
        sampling_params: SamplingParams,
        session_id: Optional[str] = None,
    ) -> str:
        """Add a new inference session."""
        # Tokenize in Python (ecosystem integration)
        prompt_token_ids = self._tokenizer.encode(prompt)
        
        # Generate ID if needed
        if session_id is None:
            session_id = f"session_{uuid.uuid4().hex[:8]}"
        
        # Create native session
        native_session = setu_native.Session(
            session_id=session_id,
            prompt=prompt,
            prompt_token_ids=prompt_token_ids,
            sampling_params=sampling_params.to_native()
        )
        
        # Pass to C++ engine
        self._native_handle.add_session(native_session)
        
        # Track in Python for API responses
        self._session_tracker[session_id] = SessionInfo(
            prompt=prompt,
            arrival_time=time.time(),
            status="pending"
        )
        
        return session_id
    
    def __del__(self) -> None:
        """Ensure cleanup of native resources."""
        if hasattr(self, '_native_handle'):
            self._native_handle.stop()
