"""Stand-ins for IPython.lib.display: the objects keep what they were given; no file is
read, no URL fetched."""

from IPython.core.display import DisplayObject, TextDisplayObject

__all__ = [
    "Audio",
    "Code",
    "FileLink",
    "FileLinks",
    "IFrame",
    "ScribdDocument",
    "VimeoVideo",
    "YouTubeVideo",
]


class Audio(DisplayObject):
    def __init__(self, data=None, filename=None, url=None, embed=None, rate=None,
                 autoplay=False, normalize=True, *, element_id=None):  # fmt: skip
        super().__init__(data, url, filename)
        self.embed, self.rate, self.autoplay = embed, rate, autoplay
        self.normalize, self.element_id = normalize, element_id


class IFrame:
    def __init__(self, src, width, height, extras=None, **kwargs):
        self.src, self.width, self.height = src, width, height
        self.extras, self.params = extras or [], kwargs

    def __repr__(self):
        return f"<IPython.lib.display.{type(self).__name__} object>"

    def _repr_html_(self):
        return f'<iframe width="{self.width}" height="{self.height}" src="{self.src}"></iframe>'


class YouTubeVideo(IFrame):
    def __init__(self, id, width=400, height=300, allow_autoplay=False, **kwargs):
        self.id, self.allow_autoplay = id, allow_autoplay
        super().__init__(f"https://www.youtube.com/embed/{id}", width, height, **kwargs)


class VimeoVideo(IFrame):
    def __init__(self, id, width=400, height=300, **kwargs):
        self.id = id
        super().__init__(f"https://player.vimeo.com/video/{id}", width, height, **kwargs)


class ScribdDocument(IFrame):
    def __init__(self, id, width=400, height=300, **kwargs):
        self.id = id
        super().__init__(f"https://www.scribd.com/embeds/{id}/content", width, height, **kwargs)


class FileLink:
    def __init__(self, path, url_prefix="", result_html_prefix="", result_html_suffix="<br>"):
        self.path, self.url_prefix = path, url_prefix
        self.result_html_prefix, self.result_html_suffix = result_html_prefix, result_html_suffix

    def __repr__(self):
        return str(self.path)

    def _repr_html_(self):
        return f'{self.result_html_prefix}<a href="{self.url_prefix}{self.path}">{self.path}</a>'


class FileLinks(FileLink):
    def __init__(self, path, url_prefix="", included_suffixes=None, result_html_prefix="",
                 result_html_suffix="<br>", notebook_display_formatter=None,
                 terminal_display_formatter=None, recursive=True):  # fmt: skip
        super().__init__(path, url_prefix, result_html_prefix, result_html_suffix)
        self.included_suffixes, self.recursive = included_suffixes, recursive


class Code(TextDisplayObject):
    def __init__(self, data=None, url=None, filename=None, language=None):
        super().__init__(data, url, filename)
        self.language = language

    def __repr__(self):
        return str(self.data or "")
