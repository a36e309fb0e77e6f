# From the guide, section "Setu Python Style Guide > Testing Patterns > Test Class Organization".
import pytest
import torch
from unittest.mock import Mock, patch
from setu.core.configs.model_config import ModelConfig
from setu.engine.inference_engine import InferenceEngine

class TestModelConfig:
    """Test ModelConfig functionality."""
    
    def test_valid_config_creation(self):
        """Test creating a valid ModelConfig."""
        config = ModelConfig(
            model_name="meta-llama/Meta-Llama-3-8B-Instruct",
            max_model_len=4096
        )
        assert config.model_name == "meta-llama/Meta-Llama-3-8B-Instruct"
        assert config.max_model_len == 4096
    
    def test_invalid_max_model_len_raises_error(self):
        """Test that invalid max_model_len raises ValueError."""
        with pytest.raises(ValueError, match="max_model_len must be positive"):
            ModelConfig(
                model_name="test-model",
                max_model_len=-1
            )
    
    def test_empty_model_name_raises_error(self):
        """Test that empty model_name raises ValueError."""
        with pytest.raises(ValueError, match="model_name cannot be empty"):
            ModelConfig(
                model_name="",
                max_model_len=4096
            )

class TestInferenceEngine:
    """Test InferenceEngine functionality."""
    
    @pytest.fixture
    def mock_config(self) -> ModelConfig:
        """Create a mock configuration for testing."""
        return ModelConfig(
            model_name="test-model",
            max_model_len=2048
        )
    
    @pytest.fixture  
    def engine(self, mock_config: ModelConfig) -> InferenceEngine:
        """Create an InferenceEngine for testing."""
        with patch('setu._native.create_inference_engine'):
            return InferenceEngine(mock_config)
    
    def test_add_session_returns_session_id(self, engine: InferenceEngine):
        """Test that add_session returns a valid session ID."""
        session_id = engine.add_session(
            prompt="Test prompt",
            sampling_params=SamplingParams(temperature=0.7)
        )
        assert isinstance(session_id, str)
        assert len(session_id) > 0
    
    def test_add_session_with_empty_prompt_raises_error(self, engine: InferenceEngine):
        """Test that empty prompt raises ValueError."""
        with pytest.raises(ValueError, match="Prompt cannot be empty"):
            engine.add_session(
                prompt="",
                sampling_params=SamplingParams()
            )
