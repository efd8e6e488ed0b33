"""Forms of the catalogue's admin: a related service the coordinator enters by hand, and the upload
of the registry's file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.codes import target_group_choices
from catalogue.importer import portal_municipality_codes
from catalogue.models import AgeGroup, Provider, Service
from kpss.files import JsonObjectValidator


class LinesField(forms.CharField):
    """A list of texts (websites, e-mails, phones) entered one a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One a line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _age_group_choices():
    return list(AgeGroup.objects.values_list("registry_code", "name"))


class ContactsForm(forms.ModelForm):
    websites = LinesField(label=_("websites"))
    emails = LinesField(label=_("e-mails"))
    phones = LinesField(label=_("phones"))


class ProviderForm(ContactsForm):
    class Meta:
        model = Provider
        fields = ["ico", "name", "websites", "emails", "phones"]


class ServiceForm(ContactsForm):
    """A related service (not in the registry) in sensible inputs: target and age groups and forms
    are ticked, not typed as JSON. A registered service shows these read-only (see the admin)."""

    target_group_codes = forms.MultipleChoiceField(
        label=_("target groups"), required=False, choices=target_group_choices, widget=forms.CheckboxSelectMultiple)
    age_group_codes = forms.MultipleChoiceField(
        label=_("age groups"), required=False, choices=_age_group_choices, widget=forms.CheckboxSelectMultiple)
    forms = forms.MultipleChoiceField(
        label=_("forms"), required=False, choices=Service.Form.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        fields = ["name", "provider", "service_type", "target_group_codes", "age_group_codes", "forms", "non_stop",
                  "websites", "emails", "phones", "local_description", "local_opening_hours", "local_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "forms" in self.fields:
            self.initial["forms"] = [form.get("form") for form in self.instance.forms or []]
        # A code no code list names yet stays ticked rather than being dropped by a save.
        for name in ("target_group_codes", "age_group_codes"):
            if name in self.fields:
                field = self.fields[name]
                known = {value for value, _label in field.choices}
                field.choices = [*field.choices, *((code, code) for code in getattr(self.instance, name) or []
                                                   if code not in known)]

    def clean_forms(self):
        """Each ticked form with the capacities it had (the registry's, for a service that left it)."""
        capacities = {form.get("form"): form.get("capacities", []) for form in self.instance.forms or []}
        return [{"form": code, "capacities": capacities.get(code, [])} for code in self.cleaned_data["forms"]]


class RegistryUploadForm(forms.Form):
    """The registry's file uploaded in admin, its scope and whether it is a dry run."""

    TERRITORIES, COUNTRY = "territories", "country"

    file = forms.FileField(
        label=_("File from the registry (JSON)"), validators=[JsonObjectValidator("REGISTRY_UPLOAD_MAX_MB")],
        widget=forms.ClearableFileInput(attrs={"accept": JsonObjectValidator.accept()}),
        help_text=_("The open data of the registry of social service providers (a JSON file)."),
    )
    scope = forms.ChoiceField(
        label=_("Services to import"), widget=forms.RadioSelect, initial=TERRITORIES,
        choices=[(TERRITORIES, _("those with a facility in the municipalities of the plans' area")),
                 (COUNTRY, _("the whole country"))],
    )
    dry_run = forms.BooleanField(label=_("Dry run: report what would change, save nothing"), required=False)

    def clean_scope(self):
        scope = self.cleaned_data["scope"]
        if scope == self.TERRITORIES and not portal_municipality_codes():
            raise forms.ValidationError(
                _("The plans' area holds no municipality with its code, so nothing would be imported: "
                  "add the codes to the territories, or import the whole country."), code="no_municipalities")
        return scope

    @property
    def whole_country(self):
        return self.cleaned_data["scope"] == self.COUNTRY
