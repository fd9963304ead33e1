"""The post editor: one planned post in a form of small widgets (``editor.PostEditor``), and
the types its callers fill (``model``)."""

from ui.post_editor.editor import PostEditor
from ui.post_editor.images import DraftImage
from ui.post_editor.model import (
    ChannelChoice,
    ObservanceChoice,
    PostDraft,
    PostEditorData,
    Runner,
    SaveConflict,
    run_now,
)
from ui.post_editor.status import status_label

__all__ = ["ChannelChoice", "DraftImage", "ObservanceChoice", "PostDraft", "PostEditor",
           "PostEditorData", "Runner", "SaveConflict", "run_now", "status_label"]
