"""The archive's own pages (Terms of Service, Content Policy, Privacy, FAQ, About), written by staff on the
site, and the members' agreement to the Terms of Service."""
