environment = "staging"
domain      = "app.example.com"

callback_urls = [
  "https://app.example.com/callback",
  "http://app.example.com/legacy-callback",
]
