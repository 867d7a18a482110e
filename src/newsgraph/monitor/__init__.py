"""Live monitoring: fetching politely (``fetch``), canonical URLs
(``urls``), the sources to follow (``config``: URLs or a YAML file), and
alert delivery (``deliver``: webhooks signed with HMAC-SHA256, e-mail over
SMTP). The watch loop itself strings the stages together in
``runs.watch``; rules and matches live in ``store.alerts``, followed
sources and seen items in ``store.feeds``."""
