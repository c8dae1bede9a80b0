# A Python service with two classic mistakes: pip keeps its download cache in the layer,
# and a credential is baked into the image with ENV (anyone who can pull it can read it).
FROM python:3.12-slim

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

ENV DATABASE_PASSWORD=hunter2
ENV API_TOKEN=tok_live_4f2a9c1b7e

RUN useradd --create-home --uid 10001 app
USER app

CMD ["python", "-m", "app"]
