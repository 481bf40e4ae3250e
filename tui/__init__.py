"""dcpower terminal UI (Textual). Imports only the public calc API."""
