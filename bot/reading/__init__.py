"""Reading progress replies: what they say, and what the reader is not sure of."""

from bot.reading.codes import normalize_code, read_task_code
from bot.reading.dates import read_date
from bot.reading.model import Reading
from bot.reading.reader import read_progress

__all__ = ["Reading", "normalize_code", "read_date", "read_progress", "read_task_code"]
