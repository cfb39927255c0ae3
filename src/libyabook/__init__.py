"""libyabook: turn a compiled news page about Libya into tidy, validated tables for a research book."""

__version__ = "0.1.0"
