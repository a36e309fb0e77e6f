# From the guide, section "Setu Python Style Guide > Testing Patterns > Pytest Configuration".
# conftest.py
import pytest
import torch

@pytest.fixture(scope="session")
def cuda_available():
    """Check if CUDA is available for testing."""
    return torch.cuda.is_available()

@pytest.fixture
def sample_model_config():
    """Provide a standard model config for testing."""
    return ModelConfig(
        model_name="test-model",
        max_model_len=1024,
        dtype="float16"
    )

# Mark GPU tests
pytestmark = pytest.mark.gpu

class TestGPUOperations:
    @pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA not available")
    def test_gpu_memory_allocation(self):
        """Test GPU memory allocation."""
        pass
