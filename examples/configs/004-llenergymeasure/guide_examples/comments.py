# From the guide, section "Coding Conventions > Comments > Example from `src/llenergymeasure/core/model_loader.py`:".
# bitsandbytes 0.39.0+ supports 4-bit quantization (QLoRA)
supports_4bit = parsed_version >= version.parse("0.39.0")
