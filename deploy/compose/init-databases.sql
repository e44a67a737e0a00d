-- Each service owns its database; nobody else reads it.
CREATE DATABASE registry;
CREATE DATABASE assessment;
CREATE DATABASE funds;
CREATE DATABASE cadres;
