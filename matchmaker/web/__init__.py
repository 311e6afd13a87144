"""What several blueprints share on the web side: form field groups and filters, the
confirm form, form-data helpers and the refusal texts. Blueprint packages (``public``,
``attendee``, ``auth``, ``organiser``) import from here, never from each other."""
