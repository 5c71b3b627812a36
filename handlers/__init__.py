"""Conversation areas: each module registers its commands, buttons and text handlers."""
