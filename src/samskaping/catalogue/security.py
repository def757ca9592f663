"""Texts the server itself shows: the page shown when the machine has as many pages open as it can take."""

NB: dict[str, str] = {
    "security.login.title": "Prosessledersidene",
    "security.login.help": "Skriv nøkkelen som ble vist da kitet ble startet (eller lag en ny med «samskaping secret --reset»).",
    "security.login.field": "Nøkkel",
    "security.login.button": "Logg inn",
    "security.login.wrong": "Feil nøkkel. Prøv igjen.",
    "security.full.title": "Fullt akkurat nå",
    "security.full.body": "Maskinen som kjører verkstedet har så mange sider åpne som den klarer. "
    "Vent litt, så prøver siden igjen av seg selv om {seconds} sekunder.",
    "security.full.help": "Si gjerne fra til prosesslederen. Lukk sider fra verkstedet som du ikke bruker.",
    "security.full.retry": "Prøv igjen nå",
}

EN: dict[str, str] = {
    "security.login.title": "The facilitator's pages",
    "security.login.help": "Type the secret shown when the kit was started (or make a new one with “samskaping secret --reset”).",
    "security.login.field": "Secret",
    "security.login.button": "Log in",
    "security.login.wrong": "Wrong secret. Try again.",
    "security.full.title": "Full right now",
    "security.full.body": "The machine running the workshop has as many pages open as it can handle. "
    "Please wait: this page tries again by itself in {seconds} seconds.",
    "security.full.help": "Let the facilitator know. Close workshop pages you are not using.",
    "security.full.retry": "Try again now",
}
