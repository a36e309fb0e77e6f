# From the guide, section "Naming Conventions > Private Members" (the page lost indentation and blank lines; restored as Black writes them).
class Storage:
    def __init__(self):
        self._connection = None # Protected
        self.__cache = {} # Private (name mangling)

    def _internal_method(self): # Protected method
        ...
