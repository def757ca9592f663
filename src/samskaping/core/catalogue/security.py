"""Texts the server itself shows: the login form, and the pages shown when the machine, or one device, has as many pages open as it may, a device has typed too many wrong secrets, or a request names an address the server does not answer to; and where `samskaping secret --reset` put a new secret."""

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
    "security.rate.title": "Mange sider åpnet på kort tid",
    "security.rate.body": "Denne enheten har åpnet mange sider fra verkstedet på kort tid. "
    "Vent litt, så prøver siden igjen av seg selv om {seconds} sekunder.",
    "security.rate.help": "Hver side tar plass på maskinen som kjører verkstedet. Bruk gjerne én fane, og last den "
    "ikke inn på nytt mange ganger.",
    "security.device.title": "For mange sider åpne på denne enheten",
    "security.device.body": "Denne enheten har mange sider fra verkstedet åpne samtidig. "
    "Lukk noen faner du ikke bruker, så prøver siden igjen av seg selv om {seconds} sekunder.",
    "security.device.help": "Hver side tar plass på maskinen som kjører verkstedet, så hver enhet kan bare ha noen få åpne. "
    "Si fra til prosesslederen hvis du bare har én fane åpen.",
    "security.throttled.title": "For mange feil nøkler",
    "security.throttled.body": "Det er skrevet feil nøkkel for mange ganger fra denne enheten. "
    "Vent {minutes} min før du prøver igjen. Til da avvises også riktig nøkkel.",
    "security.throttled.help": "Har du glemt nøkkelen? Lag en ny med «samskaping secret --reset» på maskinen som kjører kitet, "
    "og vent så før du logger inn.",
    "security.wait.title": "Et øyeblikk …",
    "security.wait.body": "Siden din gjøres klar. Den kommer av seg selv om noen sekunder, du trenger ikke gjøre noe.",
    "security.wait.retry": "Prøv nå",
    "security.host.title": "Ukjent adresse",
    "security.host.body": "Denne maskinen svarer bare på adressen verkstedet bruker.",
    "security.host.help": "Bruk lenken eller QR-koden som prosesslederen viser, eller skriv adressen derfra.",
    "security.secret.file": "Utdata går ikke til en terminal, så nøkkelen er ikke skrevet her. Den ligger i {path} (bare du kan lese filen). Les den, og slett filen etterpå.",
    "security.secret.ended": "Alle som var logget inn på prosessledersidene, må logge inn på nytt med den nye nøkkelen.",
}
