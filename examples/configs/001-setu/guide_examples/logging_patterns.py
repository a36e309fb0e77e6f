# From the guide, section "Setu Python Style Guide > Logging > Logging Patterns".
# Wrapper ours (not the guide's): the guide shows a method, so it sits in a class here.
class _Method:
    def process_session(self, session: Session) -> None:
        """Process an inference session."""
        logger.debug("Processing session %s with %d tokens", 
                    session.session_id, len(session.prompt_token_ids))
    
        try:
            # Process session
            result = self._execute_inference(session)
            logger.info("Successfully processed session %s in %.2fs", 
                       session.session_id, result.processing_time)
    
        except Exception as e:
            logger.error("Failed to process session %s: %s", 
                        session.session_id, str(e))
            raise
    
        logger.debug("Session %s generated %d tokens", 
                    session.session_id, len(result.output_tokens))
