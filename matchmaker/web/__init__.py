"""What several blueprints share on the web side: form field groups and filters, the
confirm form, form-data helpers, the refusal texts and ``carry_out`` (a service call,
its commit, mails and message). Blueprint packages (``public``,
``attendee``, ``auth``, ``organiser``) import from here, never from each other."""
