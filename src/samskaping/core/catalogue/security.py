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
    "security.rate.title": "Many pages opened in a short time",
    "security.rate.body": "This device has opened many workshop pages in a short time. "
    "Please wait: this page tries again by itself in {seconds} seconds.",
    "security.rate.help": "Each page takes room on the machine running the workshop. One tab is enough; "
    "please do not reload it many times.",
    "security.device.title": "Too many pages open on this device",
    "security.device.body": "This device has many workshop pages open at once. "
    "Close some tabs you are not using: this page tries again by itself in {seconds} seconds.",
    "security.device.help": "Each page takes room on the machine running the workshop, so each device may only have a few open. "
    "Tell the facilitator if you have only one tab open.",
    "security.throttled.title": "Too many wrong secrets",
    "security.throttled.body": "A wrong secret has been typed too many times from this device. "
    "Wait {minutes} min before you try again. Until then even the right secret is refused.",
    "security.throttled.help": "Forgotten the secret? Make a new one with “samskaping secret --reset” on the machine running the kit, "
    "then wait before you log in.",
    "security.wait.title": "One moment …",
    "security.wait.body": "Your page is being made ready. It comes by itself in a few seconds; you need not do anything.",
    "security.wait.retry": "Try now",
    "security.host.title": "Unknown address",
    "security.host.body": "This machine answers only at the address the workshop uses.",
    "security.host.help": "Use the link or QR code the facilitator shows, or type the address from there.",
    "security.secret.file": "Output is not going to a terminal, so the secret is not written here. It is in {path} (only you can read the file). Read it, then delete the file.",
    "security.secret.ended": "Everyone logged in to the staff pages must log in again with the new secret.",
}
