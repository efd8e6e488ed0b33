"""Widgets of the catalogue's filters written in Python: the same HTML as Django's templates write,
without the template engine (a quarter of a millisecond for each input, about a millisecond for
each option of a select), since the catalogue's search answers within a few times the plainest
page's time."""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A select that joins its options in Python instead of rendering Django's option template for
    each (about a millisecond apiece): a catalogue of a whole region has hundreds of municipalities,
    and the page answers within a few times the plainest page's time. The same HTML as
    forms.Select, groups too. The filters' form class, built once per revision and language, keeps
    its options' HTML (`options_html`, none chosen): each page marks its chosen option in it."""

    options_html = None

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, choices):
        self._choices = choices
        self.options_html = None  # written for other choices

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)  # sets the copy's choices, the same ones
        copied.options_html = self.options_html
        return copied

    def keep_options(self):
        self.options_html = _options(self.choices)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = _attributes(self.build_attrs(self.attrs, attrs))
        options = self.options_html if self.options_html is not None else _options(self.choices)
        for chosen in {str(item) for item in self.format_value(value)}:
            option = f'<option value="{conditional_escape(chosen)}">'
            options = options.replace(option, f"{option[:-1]} selected>", 1)
        return format_html('<select name="{}"{}>{}</select>', name, attrs, mark_safe(options))  # noqa: S308


class QuickInputMixin:
    """An <input> written in Python, the same HTML as Django's input template: the template engine
    takes a quarter of a millisecond for each."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value,
                           _attributes(widget["attrs"]))


def _attributes(attrs):
    """HTML attributes in their order, as django/forms/widgets/attrs.html writes them: True alone,
    False left out."""
    return mark_safe("".join(  # noqa: S308
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False))


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickCheckbox(QuickInputMixin, forms.CheckboxInput):
    pass


def _options(choices):
    """The <option>s of `choices` (and <optgroup>s of grouped ones), every value and label escaped."""
    html = []
    for option, label in choices:
        if isinstance(label, list | tuple):
            html.append(f'<optgroup label="{conditional_escape(option)}">{_options(label)}</optgroup>')
        else:
            html.append(f'<option value="{conditional_escape(option)}">{conditional_escape(label)}</option>')
    return "".join(html)
