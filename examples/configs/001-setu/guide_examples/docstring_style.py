# From the guide, section "Setu Python Style Guide > Documentation > Docstring Style".
# Wrapper ours (not the guide's): the guide shows a method, so it sits in a class here.
class _Method:
    def schedule_sessions(
        self,
        sessions: List[Session],
        available_pages: int,
        current_time: float,
    ) -> Tuple[List[Session], List[Session]]:
        """Schedule sessions based on available memory and priorities.
    
        This method implements the core scheduling logic, deciding which sessions
        can be executed based on memory constraints and scheduling policies.
    
        Args:
            sessions: List of sessions to schedule.
            available_pages: Number of memory pages available for allocation.
            current_time: Current timestamp for scheduling decisions.
        
        Returns:
            A tuple containing:
                - List of sessions that can be scheduled immediately
                - List of sessions that must wait for resources
            
        Raises:
            ValueError: If available_pages is negative.
            RuntimeError: If scheduling algorithm fails to converge.
        
        Example:
            >>> scheduler = PriorityScheduler()
            >>> ready, waiting = scheduler.schedule_sessions(sessions, 100, time.time())
            >>> print(f"Scheduled {len(ready)} sessions")
        """
        if available_pages < 0:
            raise ValueError(f"available_pages must be non-negative, got {available_pages}")
    
        # Implementation...
