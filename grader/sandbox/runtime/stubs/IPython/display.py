"""Stand-ins for IPython.display: objects are built, nothing is shown."""

__all__ = [
    "HTML",
    "JSON",
    "SVG",
    "Audio",
    "Code",
    "DisplayHandle",
    "DisplayObject",
    "FileLink",
    "FileLinks",
    "IFrame",
    "Image",
    "Javascript",
    "Latex",
    "Markdown",
    "Math",
    "Pretty",
    "ProgressBar",
    "Video",
    "YouTubeVideo",
    "clear_output",
    "display",
    "display_html",
    "display_javascript",
    "display_json",
    "display_latex",
    "display_markdown",
    "display_png",
    "display_pretty",
    "display_svg",
    "set_matplotlib_formats",
    "update_display",
]


class DisplayObject:
    """Keeps what it was given, as IPython's display objects do."""

    def __init__(self, data=None, url=None, filename=None, *args, **kwargs):
        self.data, self.url, self.filename = data, url, filename
        self.args, self.kwargs = args, kwargs

    def __repr__(self):
        return f"<{type(self).__name__} (not displayed in the grader)>"

    def reload(self):
        return None


class DisplayHandle:
    def __init__(self, display_id=None):
        self.display_id = display_id

    def display(self, *objs, **kwargs):
        return None

    def update(self, *objs, **kwargs):
        return None


HTML = type("HTML", (DisplayObject,), {})
Markdown = type("Markdown", (DisplayObject,), {})
Latex = type("Latex", (DisplayObject,), {})
Math = type("Math", (DisplayObject,), {})
SVG = type("SVG", (DisplayObject,), {})
JSON = type("JSON", (DisplayObject,), {})
Javascript = type("Javascript", (DisplayObject,), {})
Image = type("Image", (DisplayObject,), {})
Audio = type("Audio", (DisplayObject,), {})
Video = type("Video", (DisplayObject,), {})
Pretty = type("Pretty", (DisplayObject,), {})
Code = type("Code", (DisplayObject,), {})
IFrame = type("IFrame", (DisplayObject,), {})
YouTubeVideo = type("YouTubeVideo", (DisplayObject,), {})
FileLink = type("FileLink", (DisplayObject,), {})
FileLinks = type("FileLinks", (DisplayObject,), {})
ProgressBar = type("ProgressBar", (DisplayObject,), {})


def display(*objs, display_id=None, **kwargs):
    """Shows nothing; returns a handle when a display_id is asked for, as IPython does."""
    return DisplayHandle(display_id) if display_id else None


def update_display(obj, display_id=None, **kwargs):
    return None


def clear_output(wait=False):
    return None


def set_matplotlib_formats(*formats, **kwargs):
    return None


def _show_nothing(*objs, **kwargs):
    return None


display_html = display_javascript = display_json = display_latex = _show_nothing
display_markdown = display_png = display_pretty = display_svg = _show_nothing
