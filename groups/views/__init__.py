"""The groups' pages: public (public.py), the groups' staff pages and the coordinator's overviews."""
