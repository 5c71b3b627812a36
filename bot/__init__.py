"""dondoc — the chatbot that follows up a committee's implementation plan."""
